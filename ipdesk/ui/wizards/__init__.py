"""The three guided wizards (GI eligibility, brand check, patent finder) as pages of the main window."""
