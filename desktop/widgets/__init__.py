"""Small reusable widgets: error dialog, task progress bar, KPI card, drop zone."""
