"""Calendar views and the Qt-free geometry they share."""
