"""routing-api: determines the handling route (groen, oranje, rood) with the reasons for it."""
