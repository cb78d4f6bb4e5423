"""The register: resolutions of every meeting in a database (``minutes register``).

``identity`` and ``actors`` need nothing beyond the package; ``store`` (the ``Register``)
needs SQLAlchemy and Alembic (the ``register`` extra).
"""
