import sys

from copydesk.cli import main

sys.exit(main())
