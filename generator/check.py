"""`briefing check`: validate every fact file and corrections file of a facts folder.

Schema errors (every one, not only the first) and cross-checks, each reported as
`file:line: message`:

- every `source` span lies inside its paragraph (the paragraph exists, 0 <= start < end <= len);
- a quote's `text` is exactly `paragraphs[p].text[start:end]` (and likewise a claim's `what`,
  an event's `date_text`, a legal `mention`, an entity mention's `text`, the summary sentences);
- ids are unique in the article (corrections name facts by id, whatever their kind);
- `speaker_id` / `who_id` name a person (or an organisation speaking as such) of the article;
- an event's `date` is a real ISO date written at its `precision`;
- `corrections.yaml` is valid, and the words of every added fact are in the article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .corrections import CORRECTIONS_FILE, check_added_words, parse_corrections
from .errors import BriefingError
from .model import FACT_FILES, Article
from .yamlio import line_of, load_raw, validation_errors

def _validate(path: Path, model: Any, many: bool) -> tuple[Any, yaml.Node | None, list[BriefingError]]:
    try:
        data, node = load_raw(path)
    except BriefingError as exc:
        return None, None, [exc]
    if many and data is None:
        data = []
    try:
        return TypeAdapter(list[model] if many else model).validate_python(data), node, []
    except ValidationError as exc:
        return None, node, validation_errors(path, exc, node)


def article_folders(root: Path) -> list[Path]:
    """`root` itself when it is one article's folder, else its (non-hidden) sub-folders holding YAML."""
    if (root / "article.yaml").exists():
        return [root]
    return sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith(".")
                  and any(d.glob("*.yaml")))


def check_folder(folder: Path) -> list[BriefingError]:
    errors: list[BriefingError] = []
    loaded: dict[str, tuple[Any, yaml.Node | None, Path]] = {}
    for name, (attr, model) in FACT_FILES.items():
        path = folder / name
        many = attr not in {"article", "summary"}
        if not path.exists():
            if not many:
                errors.append(BriefingError(path, "missing fact file (run `briefing extract`)"))
            continue
        value, node, errs = _validate(path, model, many)
        errors += errs
        if not errs:
            loaded[attr] = (value, node, path)

    article: Article | None = loaded.get("article", (None,))[0]
    if article is not None:
        errors += _cross_checks(article, loaded)

    corrections = folder / CORRECTIONS_FILE
    if corrections.exists():
        items, errs = parse_corrections(corrections)
        errors += errs
        seen: dict[str, int] = {}
        for c in items:
            fid = getattr(c.op, "id", None)
            if fid and fid in seen:
                errors.append(BriefingError(corrections, f"add: id '{fid}' is also added on line {seen[fid]}", line=c.line))
            elif fid:
                seen[fid] = c.line
        if article is not None:
            errors += check_added_words(article, items, corrections)
    return errors


def _cross_checks(article: Article, loaded: dict[str, tuple[Any, Any, Path]]) -> list[BriefingError]:
    errors: list[BriefingError] = []
    paragraphs = {p.id: p.text for p in article.paragraphs}
    art_path = loaded["article"][2]
    art_node = loaded["article"][1]
    seen_p: set[str] = set()
    for i, p in enumerate(article.paragraphs):
        if p.id in seen_p:
            errors.append(BriefingError(art_path, f"paragraph id '{p.id}' is used twice",
                                        line=line_of(art_node, ("paragraphs", i, "id"))))
        seen_p.add(p.id)
        for j, (s, e) in enumerate(p.sentences):
            if not 0 <= s < e <= len(p.text):
                errors.append(BriefingError(art_path, f"paragraph {p.id}: sentence span [{s}, {e}] is outside its text "
                                                      f"({len(p.text)} characters)",
                                            line=line_of(art_node, ("paragraphs", i, "sentences", j))))

    def span(path: Path, node: Any, loc: tuple, source: Any, words: str | None, field: str,
             src_key: str = "source", label: str = "") -> None:
        line = _key_line(node, loc, src_key)
        label = label or _loc(loc)
        text = paragraphs.get(source.paragraph)
        if text is None:
            errors.append(BriefingError(path, f"{label}: source paragraph '{source.paragraph}' is not in article.yaml",
                                        line=line))
            return
        if not 0 <= source.start < source.end <= len(text):
            errors.append(BriefingError(path, f"{label}: source [{source.start}, {source.end}] is outside paragraph "
                                              f"{source.paragraph} ({len(text)} characters)", line=line))
            return
        if words is not None and text[source.start:source.end] != words:
            errors.append(BriefingError(
                path, f"{label}: {field} '{_short(words)}' is not the text at its source "
                      f"({source.paragraph}[{source.start}:{source.end}] = '{_short(text[source.start:source.end])}')",
                line=line_of(node, loc + (field,))))

    ids: dict[str, str] = {}
    speakers: set[str] = set()
    for attr, field in (("quotes", "text"), ("claims", "what"), ("events", "date_text"), ("legal", "mention"),
                        ("people", None), ("organisations", None), ("places", None)):
        if attr not in loaded:
            continue
        items, node, path = loaded[attr]
        for i, fact in enumerate(items):
            if fact.id in ids:
                errors.append(BriefingError(path, f"{fact.id}: id already used in {ids[fact.id]}",
                                            line=line_of(node, (i, "id"))))
            else:
                ids[fact.id] = path.name
            if field is not None:
                span(path, node, (i,), fact.source, getattr(fact, field), field, label=fact.id)
            else:
                if attr in ("people", "organisations"):
                    speakers.add(fact.id)
                for j, m in enumerate(fact.mentions):
                    span(path, node, (i, "mentions", j), m.source, m.text, "text", label=f"{fact.id} mention {j + 1}")
    for attr, field in (("quotes", "speaker_id"), ("claims", "who_id")):
        if attr not in loaded or not {"people", "organisations"} <= set(loaded) | _missing_ok(loaded):
            continue
        items, node, path = loaded[attr]
        for i, fact in enumerate(items):
            ref = getattr(fact, field)
            if ref is not None and ref not in speakers:
                errors.append(BriefingError(path, f"{fact.id}: {field} '{ref}' is no person (or organisation) of people.yaml "
                                                  "/ organisations.yaml", line=line_of(node, (i, field))))
    if "summary" in loaded:
        summary, node, path = loaded["summary"]
        if summary.lead_source is not None:
            span(path, node, (), summary.lead_source, summary.lead, "lead", "lead_source")
        for i, kp in enumerate(summary.key_points):
            span(path, node, ("key_points", i), kp.source, kp.text, "text", label=f"key point {i + 1}")
    return errors


def _key_line(node: Any, loc: tuple, key: str) -> int | None:
    """Line of `key:` itself in the mapping at `loc` (a nested mapping's value starts a line later)."""
    for part in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == str(part)), node)
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if getattr(k, "value", None) == key:
                return k.start_mark.line + 1
    return line_of(node, ()) if node is not None else None


def _missing_ok(loaded: dict[str, Any]) -> set[str]:
    """Entity files that are simply absent count as empty lists (read_facts does the same)."""
    art_path = loaded["article"][2]
    return {a for a, n in (("people", "people.yaml"), ("organisations", "organisations.yaml"))
            if not (art_path.parent / n).exists()}


def _loc(loc: tuple) -> str:
    return ".".join(str(x) for x in loc) or "summary"


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def check_facts(root: Path) -> tuple[list[Path], list[BriefingError]]:
    """(article folders checked, every error found)."""
    root = Path(root)
    if not root.is_dir():
        raise BriefingError(root, "facts folder not found")
    folders = article_folders(root)
    errors: list[BriefingError] = []
    for folder in folders:
        errors += check_folder(folder)
    return folders, errors
