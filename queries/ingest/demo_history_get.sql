-- The demo history still to load in the background (the staged first start's note in the settings table), or no row.
SELECT value FROM settings WHERE key = 'demo_history'
