"""Local accounts (issue 7): password hashing, users and login with lockout, the audit log, access
settings and the first-admin setup link. No streamlit here; the login and admin pages call this package."""
