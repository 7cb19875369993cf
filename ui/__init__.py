"""Hall Desk's Qt user interface.

Widgets live in the GUI thread and never touch the database themselves: every call into the hall
goes through ``ui.worker.DbWorker`` and comes back by signal. Core events reach widgets through
``ui.bridge.HallBridge``. Nothing in ``hall/`` or ``db/`` imports from here.
"""
