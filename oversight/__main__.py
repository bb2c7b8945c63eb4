import sys

if sys.argv[1:2] in (["ingest"], ["inbox"]):
    # the reading child's forkserver (a fresh interpreter importing the readers) starts first, so that its imports
    # run beside this process's own instead of after them (oversight/ingest/isolation.py)
    from oversight.ingest import isolation

    isolation.start()

from oversight.cli import main  # noqa: E402 - after the forkserver's start

raise SystemExit(main())
