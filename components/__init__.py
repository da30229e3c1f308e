"""The interface: presenters/ and figures/ build what a page shows (no Streamlit); the rest draws it."""
