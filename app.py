"""Entry point: the shared shell (data, filters kept in the URL, navigation) around the page that is shown."""

from components import shell

shell.run()
