"""intake-api: receives Bbz applications from e-form vendors and drives them through the pipeline."""
