import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.urls import get_script_prefix
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .offline import worker_script

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """Up, with a database round trip, for load balancers and monitors: 200, or 503 when the database
    cannot be reached. It never touches the cache (a cache that is down must not take every server out
    of the load balancer), and no proxy may keep its answer (never_cache: ``no-store``)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database is unreachable: %s", error)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def service_worker(request):
    """``/sw.js``: the worker that keeps what a class has opened (zhanaozen.offline). From the root,
    so that it may control every public page; revalidated on every check (``no-cache``), so that a
    deploy reaches the browsers at their next visit."""
    response = HttpResponse(worker_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = get_script_prefix()
    return response
