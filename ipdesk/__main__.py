from ipdesk.cli import main

if __name__ == "__main__":  # index worker processes (spawn) import this module again as __mp_main__
    raise SystemExit(main())
