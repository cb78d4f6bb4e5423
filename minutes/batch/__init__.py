"""``minutes batch``: many documents to JSON and to flat tables, on local worker processes or
an existing Dask cluster.

The stages, one module each: ``inputs`` expands the command line (files, directories, globs)
into documents and their output names; ``work`` converts one document (the only code that runs
in a worker); ``tables`` flattens outputs into the meetings, resolutions, turns, attendees and
diagnostics tables; ``command`` runs them and reports.
"""
