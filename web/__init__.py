"""The HTTP layer: what the server does around Streamlit (first-start data build, security headers,
precompressed static files, a cut-down icon font, the app's own script and stylesheet). No Streamlit UI and
no pages here.

app.py hands `server.app_options()` to `st.App`; everything else in this package is reached from there.
"""
