"""Who may do what with an event's status: editors write and submit for review; publishers (the
permission ``timeline.publish_event``, held by the "Publishers" group) also publish and unpublish."""

PUBLISH_PERMISSION = "timeline.publish_event"


def may_publish(user) -> bool:
    """Whether ``user`` may publish and unpublish events (superusers may)."""
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))
