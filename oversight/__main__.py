import os
import sys

if sys.argv[1:2] in (["ingest"], ["inbox"]):
    # the reading child's forkserver (a fresh interpreter importing the readers) starts first, so that its imports
    # run beside this process's own instead of after them (oversight/ingest/isolation.py); with the umask the
    # command sets (oversight.cli.main), which the forkserver and the reading children inherit from here
    from oversight.ingest import isolation

    os.umask(0o077)
    isolation.start()

from oversight.cli import main  # noqa: E402 - after the forkserver's start

raise SystemExit(main())
