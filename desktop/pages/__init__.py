"""One page per stage of the flow; each takes the app context and the task runner."""
