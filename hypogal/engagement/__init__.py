"""Comments and likes for any kind of post (any Publishable), built once in the core."""
