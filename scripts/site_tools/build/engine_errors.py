"""Why the site engine stopped, as Findings naming the file and line: a template, a page, or mkdocs.yml.

Whatever the engine raises becomes one line, never a Python traceback (SITE_TOOLS_DEBUG=1 shows it, crashes.py):
- a template with a syntax error or an unknown filter: the template's file and line (jinja2 gives them);
- a template that fails while rendering (a macro a partial no longer exports, an undefined name): the
  innermost template line in the traceback;
- a template that does not exist: the page whose front matter names it (`template:`), else the template that
  includes it; an include of a sentence (overrides/main.html's guards) is that sentence;
- a setting MkDocs refuses: its key in mkdocs.yml;
- anything else (a Markdown extension given an option of the wrong type, a RecursionError on a deeply nested
  page): "mkdocs.yml: the site engine stopped", naming the page MkDocs was working on when it names one.
Zensical runs in its own process and prints Python tracebacks: zensical_output() keeps its messages and turns
its error into the same Findings.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path

import yaml

from site_tools.crashes import SHOW_TRACEBACK, debugging, describe, without_stack
from site_tools.findings import Finding, from_message
from site_tools.project import ROOT, load_config
from site_tools.sources import load_sources

CHECK = "engine"
STOPPED = "the site engine stopped"
FIX_TEMPLATE = "correct the template at that line (templates are Jinja: https://jinja.palletsprojects.com/)"
FIX_CONFIG = "correct this setting in mkdocs.yml (the messages above say what MkDocs expected)"
FIX_CRASH = f"undo the last change to mkdocs.yml (or to the page named); {SHOW_TRACEBACK}"
CONFIG_MESSAGE = re.compile(r"Config value '([^']+)': (.*)", re.S)
PAGE_MESSAGE = re.compile(r"Error (?:reading|building) page '([^']+)'")
ZENSICAL_AT = re.compile(r"\s*\(in ([^():]+):(\d+)\)\s*$")  # "... (in main.html:11)"
# 'template not found: template "x.html" does not exist', or '... tried to include non-existing template "x.html"'
ZENSICAL_NOT_FOUND = re.compile(r'template not found: (?:template|tried to include non-existing template) "(.+)"')


class EngineLog(logging.Handler):
    """Prints MkDocs' messages as `mkdocs build` does, each without the stack lines some carry, and remembers
    what the Findings need: the settings MkDocs refused and the page it named when one failed."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.settings: list[tuple[str, str]] = []  # (key, message) for each setting MkDocs refused
        self.page: str | None = None  # the page MkDocs was reading or building when it failed, inside docs/

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            if match := CONFIG_MESSAGE.match(message):
                self.settings.append((match.group(1), match.group(2)))
            elif match := PAGE_MESSAGE.match(message):
                self.page = match.group(1)
        shown = message if debugging() or '  File "' not in message else without_stack(message)
        print(f"{record.levelname:<7} -  {shown}", file=sys.stderr)


def project_file(path: str | Path) -> str:
    """path relative to the project, or as it is when it lies outside (a theme's own template)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def line_of_key(config_text: list[str], key: str, item: str | None = None) -> int | None:
    """The line of a top-level key of mkdocs.yml, or of `- item` in its list when item is given."""
    start = next((n for n, text in enumerate(config_text, 1) if re.match(rf"{re.escape(key)}\s*:", text)), None)
    if start is None or item is None:
        return start
    entry = re.compile(rf"\s*-\s*['\"]?{re.escape(item)}['\"]?\s*:?\s*$")
    for number, text in enumerate(config_text[start:], start + 1):
        if text[:1] not in (" ", "-", "#", ""):
            break  # the next top-level key
        if entry.match(text):
            return number
    return start


def setting_findings(settings: list[tuple[str, str]], config_path: Path) -> list[Finding]:
    lines = config_path.read_text(encoding="utf-8").splitlines()
    found = []
    for key, message in settings:
        extension = re.search(r"extension '([^']+)'", message)
        line = line_of_key(lines, key, extension.group(1) if extension else None)
        found.append(Finding(config_path.name, line, f"{key}: {without_stack(message)}", FIX_CONFIG, CHECK))
    return found


def pages_naming_template(name: str, docs: Path) -> list[tuple[str, int]]:
    """(page, line) for each page whose front matter says `template: name`."""
    found = []
    for source in load_sources(docs, ROOT):
        try:
            meta = yaml.safe_load(source.front_matter or "") or {}
        except yaml.YAMLError:
            continue  # the source check reports broken front matter
        if isinstance(meta, dict) and meta.get("template") == name:
            line = next((n for n, text in enumerate(source.lines[:source.body_line], 1)
                         if re.match(r"template\s*:", text)), 1)
            found.append((source.rel, line))
    return found


def innermost_template(err: BaseException) -> tuple[str, int] | None:
    """(file, line) of the innermost template in err's traceback (jinja2 puts template lines in it), preferring
    the project's own templates to the theme's."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith((".html", ".xml", ".j2"))]
    own = [f for f in frames if project_file(f.filename) != f.filename]
    if not (own or frames):
        return None
    frame = (own or frames)[-1]
    return project_file(frame.filename), frame.lineno


def missing_template(name: str, where: tuple[str, int] | None, docs: Path) -> list[Finding]:
    """A template that does not exist: the pages that ask for it, or the template that includes it."""
    pages = pages_naming_template(name, docs)
    if pages:
        return [Finding(page, line, f'the page asks for the template "{name}", which does not exist',
                        "correct the template: line in the front matter, or remove it to use the site's page "
                        "template (templates live in overrides/)", CHECK) for page, line in pages]
    file, line = where or ("mkdocs.yml", None)
    if " — " in name:  # a guard in overrides/main.html: its include names a sentence, what is wrong — how to fix it
        return [from_message(file, line, name, CHECK)]
    return [Finding(file, line, f'the template "{name}" does not exist',
                    "correct the name, or add the template to overrides/", CHECK)]


def crash(err: BaseException, page: str | None, docs: Path) -> Finding:
    """Anything else: the engine stopped (on the page it was working on, when it named one)."""
    on = f" on {project_file(docs / page)}" if page else ""
    return Finding("mkdocs.yml", None, f"{STOPPED}{on}: {describe(err)}", FIX_CRASH, CHECK)


def mkdocs_findings(err: Exception, log: EngineLog, config_path: Path, docs: Path) -> list[Finding]:
    """What err, raised by MkDocs' load_config or build, means for the contributor."""
    from jinja2 import TemplateError, TemplateNotFound, TemplatesNotFound, TemplateSyntaxError
    from mkdocs.exceptions import MkDocsException

    if debugging():
        traceback.print_exception(err, file=sys.stderr)
    if isinstance(err, TemplatesNotFound):
        return [f for name in err.templates for f in missing_template(str(name), innermost_template(err), docs)]
    if isinstance(err, TemplateNotFound):
        return missing_template(str(err.name), innermost_template(err), docs)
    if isinstance(err, TemplateSyntaxError):  # also an unknown filter or test (TemplateAssertionError)
        file = project_file(err.filename) if err.filename else (err.name or "a template")
        return [Finding(file, err.lineno, without_stack(err.message or str(err)), FIX_TEMPLATE, CHECK)]
    if isinstance(err, TemplateError):  # while rendering: an undefined name, a macro no longer exported
        file, line = innermost_template(err) or ("a template", None)
        return [Finding(file, line, without_stack(str(err)), FIX_TEMPLATE, CHECK)]
    if isinstance(err, MkDocsException):
        if log.settings:
            return setting_findings(log.settings, config_path)
        return [Finding(config_path.name, None, f"mkdocs build --strict stopped: {without_stack(str(err))}",
                        "fix each ERROR and WARNING printed above", CHECK)]
    return [crash(err, log.page, docs)]


def zensical_output(output: str, config_path: Path) -> tuple[str, list[Finding]]:
    """Zensical's messages without its Python tracebacks, and its error as Findings."""
    kept: list[str] = []
    raised: list[str] = []
    in_traceback = False
    for text in output.splitlines():
        if text.startswith("Traceback (most recent call last)"):
            in_traceback = True
        elif in_traceback and (text[:1].isspace() or not text):
            pass  # a frame of the traceback
        elif in_traceback:
            in_traceback = False
            raised.append(text)  # the exception line that ends a traceback
        else:
            kept.append(text)
    shown = output if debugging() else "\n".join(kept)
    return shown, [f for text in raised[:1] for f in zensical_findings(text, config_path)]


def zensical_findings(raised: str, config_path: Path) -> list[Finding]:
    """Findings from the line that ends Zensical's traceback, such as
    'RuntimeError: syntax error: unknown statement endblok (in main.html:11)'."""
    message = raised.partition(": ")[2] or raised
    config = load_config(config_path)
    docs = config_path.parent / (config.get("docs_dir") or "docs")
    custom_dir = config_path.parent / ((config.get("theme") or {}).get("custom_dir") or "overrides")
    not_found = ZENSICAL_NOT_FOUND.match(ZENSICAL_AT.sub("", message))
    at = ZENSICAL_AT.search(message)
    where = None
    if at:
        template = custom_dir / at.group(1)
        where = (project_file(template) if template.exists() else at.group(1), int(at.group(2)))
    if not_found:
        return missing_template(not_found.group(1), where, docs)
    if where:
        return [Finding(where[0], where[1], ZENSICAL_AT.sub("", message), FIX_TEMPLATE, CHECK)]
    return [Finding(config_path.name, None, f"{STOPPED}: {message}", FIX_CRASH, CHECK)]
