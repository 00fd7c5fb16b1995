"""Operations: schedule, Prefect server, progress, benchmark and partitioned runs."""
