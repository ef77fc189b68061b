"""Real-browser gate: every page in Chromium, at two widths and in both palettes."""
