"""`python -m planner` runs the same entry point as the `rekindle` command."""

from planner.app import main

raise SystemExit(main())
