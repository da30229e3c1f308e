"""Entry point: the shared shell (data, filters kept in the URL, navigation) around the page that is shown.

`streamlit run app.py` reads this file twice over. Started by the server (no script context), it only builds
the ASGI app below, which adds the HTTP layer (web/) around Streamlit: headers, compressed files, the app's own
script and stylesheet, the first build of the data. Run as the Streamlit script, once per session and rerun
(and by AppTest), it draws the dashboard.
"""

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

if get_script_run_ctx(suppress_warning=True) is None:
    from web.server import app_options

    # Found by `streamlit run` (it looks for an st.App assignment) and served with uvicorn.
    app = st.App(__file__, **app_options())
else:
    from components import shell

    shell.run()
