"""The secretariat's web app over the register (``minutes serve``; docs/web.md).

Needs the ``web`` extra (Starlette, python-multipart, uvicorn, itsdangerous) and the
``register`` extra; ``create_app`` is in ``minutes.web.app``.
"""
