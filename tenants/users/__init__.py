"""Users, their roles and grants, and API tokens: who may act, and on which tenants or regions."""

from tenants.users.access import AccessRegistry, IssuedToken
from tenants.users.model import Role, UserInfo

__all__ = ["AccessRegistry", "IssuedToken", "Role", "UserInfo"]
