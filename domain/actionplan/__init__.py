"""(being written)"""
VALUE_OBJECTS: tuple[type, ...] = ()
