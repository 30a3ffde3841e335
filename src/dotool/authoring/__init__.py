"""Writing the plan: init, add-measure, update, adopt, import (its past is read in `dotool.app`)."""
