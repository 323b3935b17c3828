"""Multi-step dialogs (the import wizard)."""
