"""`python -m dotool`."""

from dotool.cli.main import run

if __name__ == "__main__":
    run()
