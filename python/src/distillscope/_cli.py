"""`distillscope` on PATH after `pip install`: runs the packaged binary with the same arguments."""

import os
import sys

from ._runner import DistillScopeError, binary


def main() -> None:
    try:
        path = binary()
    except DistillScopeError as e:
        print(f"distillscope: error: {e}", file=sys.stderr)
        sys.exit(2)
    os.execv(path, [path] + sys.argv[1:])
