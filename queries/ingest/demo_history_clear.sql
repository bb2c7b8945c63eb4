-- The demo history is loaded (or will not be: real data came): remove the note.
DELETE FROM settings WHERE key = 'demo_history'
