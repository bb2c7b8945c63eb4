import os
import sys

if sys.argv[1:2] in (["ingest"], ["inbox"]):
    # the reading child's forkserver starts first: forked from this process once it has imported the readers
    # (isolation.start_here: the imports paid once, not again by a second interpreter), before the command opens
    # the database or starts a thread; with the umask the command sets (oversight.cli.main), which the forkserver
    # and the reading children inherit from here
    from oversight.ingest import isolation

    os.umask(0o077)
    if not isolation.start_here():  # forked from here after this process's imports (no second interpreter)
        isolation.start()

from oversight.cli import main  # noqa: E402 - after the forkserver's start

raise SystemExit(main())
