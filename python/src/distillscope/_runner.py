"""Running the distillscope binary: where it is, flags from keyword options, corpora from paths or
iterables (the first iterable streamed to standard input as `-`, any other written to a temporary
file, since the CLI reads standard input for at most one corpus), JSON out, errors raised."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Mapping

TYPE_CHECKING = False  # typing is imported for type checkers only (it is slow to import)
if TYPE_CHECKING:
    from contextlib import ExitStack
    from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

    PathLike = Union[str, "os.PathLike[str]"]
    Corpus = Union[PathLike, Iterable[Union[Mapping[str, Any], str]]]

_EXIT_FINDING = 1


class DistillScopeError(Exception):
    """The CLI failed (exit status 2 and above, or a signal): `message` is what it wrote to standard
    error (without the `distillscope: error: ` prefix), `exit_code` its exit status, `command` the
    argument list that was run."""

    def __init__(self, message: str, exit_code: int, command: Sequence[str]):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.command = list(command)

    def __str__(self) -> str:
        return self.message


def binary() -> str:
    """The packaged binary, else `$DISTILLSCOPE_BIN`; raises DistillScopeError when neither exists."""
    packaged = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "distillscope")
    if os.path.isfile(packaged):
        mode = os.stat(packaged).st_mode
        if not mode & stat.S_IXUSR:
            try:
                os.chmod(packaged, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            except OSError:
                pass
        return packaged
    env = os.environ.get("DISTILLSCOPE_BIN")
    if env:
        if not (os.path.isfile(env) and os.access(env, os.X_OK)):
            raise DistillScopeError(f"$DISTILLSCOPE_BIN={env} is not an executable file", 127, [env])
        return env
    raise DistillScopeError(
        "no distillscope binary: this install has no packaged binary and $DISTILLSCOPE_BIN is not set", 127, [])


def flags(options: Mapping[str, Any]) -> List[str]:
    """Keyword options as CLI flags: `threads=2` → `--threads 2`, `skip_invalid=True` →
    `--skip-invalid`, False/None → nothing, a list or tuple → the flag once per item."""
    out: List[str] = []
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                out += [flag, _scalar(key, item)]
        else:
            out += [flag, _scalar(key, value)]
    return out


def _scalar(key: str, value: Any) -> str:
    if isinstance(value, (dict, set)):
        raise TypeError(f"option {key}: a {type(value).__name__} has no command-line form")
    return os.fspath(value) if isinstance(value, os.PathLike) else str(value)


def _is_path(corpus: Any) -> bool:
    return isinstance(corpus, (str, bytes, os.PathLike))


def _lines(records: Iterable[Any]) -> Iterable[bytes]:
    for record in records:
        if isinstance(record, str):
            record = {"text": record}
        elif not isinstance(record, Mapping):
            raise TypeError(f"corpus records must be dicts or strings, not {type(record).__name__}")
        yield (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


class Inputs:
    """Corpus arguments for one run: paths pass through; the first iterable becomes `-` (streamed to
    standard input) when the command reads standard input, any other a temporary .jsonl file."""

    def __init__(self, stack: ExitStack, stdin_allowed: bool = True):
        self._stack = stack
        self._stdin_allowed = stdin_allowed
        self.stdin: Optional[Iterable[Any]] = None

    def arg(self, corpus: Corpus) -> str:
        if _is_path(corpus):
            path = os.fsdecode(corpus) if isinstance(corpus, bytes) else os.fspath(corpus)
            return path
        if isinstance(corpus, Mapping):
            raise TypeError("a corpus is a path or an iterable of records, not a single dict")
        if self._stdin_allowed and self.stdin is None:
            self.stdin = corpus
            return "-"
        import tempfile

        directory = self._stack.enter_context(tempfile.TemporaryDirectory(prefix="distillscope-"))
        path = os.path.join(directory, "corpus.jsonl")
        with open(path, "wb") as f:
            for line in _lines(corpus):
                f.write(line)
        return path


def run(args: Sequence[str], stdin: Optional[Iterable[Any]] = None, ok: Tuple[int, ...] = (0, _EXIT_FINDING)) -> Tuple[str, int]:
    """Runs the binary with `args`; returns (standard output, exit status). Exit statuses outside
    `ok` raise DistillScopeError with the CLI's message."""
    command = [binary()] + list(args)
    if stdin is None:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err, code = done.stdout, done.stderr, done.returncode
    else:
        out, err, code = _run_streaming(command, stdin)
    if code not in ok:
        raise DistillScopeError(_message(err, code), code, command)
    return out.decode("utf-8"), code


def _run_streaming(command: List[str], records: Iterable[Any]) -> Tuple[bytes, bytes, int]:
    import tempfile
    import threading

    # Standard output and error go to temporary files, so writing standard input never waits on
    # the binary's output; a binary that stops reading early (an error) ends the writing quietly.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=err)
        failure: List[BaseException] = []

        def feed() -> None:
            try:
                assert proc.stdin is not None
                for line in _lines(records):
                    proc.stdin.write(line)
            except (BrokenPipeError, OSError):
                pass
            except BaseException as e:  # a bad record: stop the binary, re-raise below
                failure.append(e)
                proc.kill()
            finally:
                try:
                    proc.stdin.close()  # type: ignore[union-attr]
                except OSError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        writer.join()
        code = proc.wait()
        if failure:
            raise failure[0]
        out.seek(0)
        err.seek(0)
        return out.read(), err.read(), code


def _message(stderr: bytes, code: int) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    lines = [line for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("distillscope: error: ") or line.startswith("Error: ")]
    chosen = errors or lines
    message = "\n".join(chosen) if chosen else f"distillscope exited with status {code}"
    for prefix in ("distillscope: error: ", "Error: "):
        message = "\n".join(m[len(prefix):] if m.startswith(prefix) else m for m in message.splitlines())
    return message


def run_json(args: Sequence[str], stdin: Optional[Iterable[Any]] = None) -> Tuple[Dict[str, Any], int]:
    out, code = run(args, stdin)
    try:
        return json.loads(out), code
    except json.JSONDecodeError as e:
        raise DistillScopeError(f"distillscope wrote no JSON ({e})", code, args) from None
