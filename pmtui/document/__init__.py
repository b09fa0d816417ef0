"""The postmortem document: models and the rules over them. Pure: no I/O, no Textual."""
