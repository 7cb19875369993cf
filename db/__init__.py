"""Storage of the hall: SQLAlchemy models, engines and Alembic migrations. No Qt here."""
