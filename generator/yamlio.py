"""Read and write fact files: deterministic YAML, atomic writes, validation errors with file:line.

Deterministic: same models -> byte-identical files (fixed key order, no timestamps).
Atomic: written to a temporary file in the same folder, then renamed over the old one,
so a crash never leaves a half-written or missing file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import BriefingError

M = TypeVar("M", bound=BaseModel)


class _Dumper(yaml.SafeDumper):
    """Block style, long lines kept whole, multi-line strings as literal blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(tuple, lambda d, v: d.represent_list(list(v)))


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def to_plain(obj: BaseModel | list[BaseModel]) -> Any:
    if isinstance(obj, list):
        return [o.model_dump(mode="json") for o in obj]
    return obj.model_dump(mode="json")


def write_atomic(path: Path, text: str | bytes) -> bool:
    """Write `text` to `path` via temp file + rename. Returns False when the file already held it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_yaml(path: Path, obj: BaseModel | list[BaseModel] | Any) -> bool:
    data = to_plain(obj) if isinstance(obj, (BaseModel, list)) and _is_models(obj) else obj
    return write_atomic(path, dump_yaml(data))


def _is_models(obj: Any) -> bool:
    return isinstance(obj, BaseModel) or all(isinstance(o, BaseModel) for o in obj)


def load_raw(path: Path) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BriefingError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise BriefingError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    node = None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise BriefingError(path, f"invalid YAML: {problem}", line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise BriefingError(path, "invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a value YAML cannot build, e.g. the date 2024-02-30
        raise BriefingError(path, f"invalid YAML: {exc}", line=_bad_scalar_line(node)) from None
    return data, node


def _bad_scalar_line(node: yaml.Node | None) -> int | None:
    """Line of the first scalar that SafeLoader cannot construct (an impossible date…)."""
    todo = [node] if node is not None else []
    loader = yaml.SafeLoader("")
    while todo:
        n = todo.pop(0)
        if isinstance(n, yaml.ScalarNode):
            try:
                loader.construct_object(n, deep=True)
            except Exception:
                return n.start_mark.line + 1
        elif isinstance(n, yaml.SequenceNode):
            todo += n.value
        elif isinstance(n, yaml.MappingNode):
            todo += [x for kv in n.value for x in kv]
    return None


def line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if getattr(k, "value", None) == str(key)]
            if not match:
                break
            node = match[0]
        else:
            break
        line = node.start_mark.line + 1
    return line


def load_yaml(path: Path, model: type[M], *, many: bool = False) -> M | list[M]:
    """Load and validate; errors name the file and the line of the offending value.

    The common case (a valid file) is parsed once with libyaml; the slower pure-Python
    node tree that gives line numbers is built only when something is wrong."""
    data = _fast_load(path)
    if data is _FAILED:
        data, _ = load_raw(path)  # raises the precise file:line error
    if many and data is None:
        data = []
    target: Any = list[model] if many else model  # type: ignore[valid-type]
    try:
        return TypeAdapter(target).validate_python(data)
    except ValidationError as exc:
        _, node = load_raw(path)
        raise validation_errors(path, exc, node)[0] from None


def validation_errors(path: Path, exc: ValidationError, node: yaml.Node | None, *,
                      context: str = "") -> list[BriefingError]:
    """One `file:line: [context: ]where: message` error per problem pydantic found, in file order."""
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or ("" if context else "top level")
        message = ": ".join(p for p in (context, where, err["msg"].removeprefix("Value error, ")) if p)
        out.append(BriefingError(path, message, line=line_of(node, loc)))
    return out


_FAILED = object()
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fast_load(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return _FAILED


class AtomicBatch:
    """Write many files as one step: stage every changed file as a temporary file beside its target,
    then rename them all into place (`commit`).

    Everything that can fail (serialising, templating, disk full, a crash) happens while staging;
    the targets are untouched until `commit`, which only renames. Used as a context manager, a batch
    left by an exception is discarded (temporary files and folders it created removed) and the
    previous files stay exactly as they were."""

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}  # target -> temporary file
        self._made_dirs: list[Path] = []
        self.written: list[Path] = []  # targets renamed into place by `commit`

    def add(self, path: Path, text: str | bytes) -> bool:
        """Stage `text` for `path`. Returns False (nothing staged) when the file already holds it."""
        path = Path(path)
        data = text.encode("utf-8") if isinstance(text, str) else text
        if path.exists() and path.read_bytes() == data:
            old = self._staged.pop(path, None)
            if old is not None:
                old.unlink(missing_ok=True)
            return False
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        path.parent.mkdir(parents=True, exist_ok=True)
        self._made_dirs += reversed(missing)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        old = self._staged.pop(path, None)
        if old is not None:
            old.unlink(missing_ok=True)
        self._staged[path] = Path(tmp)
        return True

    def commit(self) -> list[Path]:
        """Rename every staged file over its target; returns the targets written."""
        done = []
        for path, tmp in list(self._staged.items()):
            os.replace(tmp, path)
            del self._staged[path]
            done.append(path)
        self._made_dirs = []
        self.written += done
        return done

    def discard(self) -> None:
        for tmp in self._staged.values():
            tmp.unlink(missing_ok=True)
        self._staged = {}
        for d in reversed(self._made_dirs):  # deepest first; only folders this batch made, if empty
            try:
                d.rmdir()
            except OSError:
                pass
        self._made_dirs = []

    def __enter__(self) -> "AtomicBatch":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.discard()
        else:
            self.commit()
