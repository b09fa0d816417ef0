"""What the apps share: the virtual row table, forms and dialogs, themes, terminal sizing, styles."""
