"""The objectives and targets page: quality objectives, the environmental targets linked to them,
and suggestions from the link library (shown in the main window and as a wizard step)."""
