"""ShelfWise: no arguments opens the window; sub-commands run the same core headless."""
import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
