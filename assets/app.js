// The dashboard's own browser script, run on every page after Streamlit's (served at <base>/_app/app.js,
// added to the page by web/assets.py, allowed by the policy as a file of this origin: no inline code).
// For what Streamlit cannot do from Python: focus after page changes, <html lang>, history, tab order.

// Proof that the file was loaded and ran under the page's Content-Security-Policy (a browser test reads it).
document.documentElement.dataset.appScript = "loaded";
