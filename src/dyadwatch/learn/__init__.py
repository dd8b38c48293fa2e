"""Training of the learned pipeline components from annotated data."""
