"""Subcommands of the `ipdesk` command, one module each; `cli.COMMAND_MODULES` lists them."""
