"""Site checker for mkdocs-static-i18n projects (docs_structure: folder).

One module per concern: `project` reads the config, `links` checks the built
HTML, `translations` and `labels` check docs/ and data/, `content` checks the
Markdown, `report` prints the findings, `cli` is the `vigie-check` command
(`python scripts/check_site.py` in this repository).
"""
