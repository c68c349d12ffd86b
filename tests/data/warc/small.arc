filedesc://test.arc 0.0.0.0 20240301120000 text/plain 76
1 0 newsgraph tests
URL IP-address Archive-date Content-type Archive-length

http://example.org/arc 1 192.0.2.1 20240301120000 text/html 219
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8
Content-Length: 139

<!DOCTYPE html>
<html><head><title>arc-1</title></head><body>
<p>PAGE-arc-1: a short article for the WARC reader tests.</p>
</body></html>

dns:example.org 192.0.2.1 20240301120000 text/dns 47
20240301120000
example.org. 300 IN A 192.0.2.1

http://example.org/img.gif 192.0.2.1 20240301120000 image/gif 74
HTTP/1.1 200 OK
Content-Type: image/gif
Content-Length: 10

GIF89a....
http://example.org/arc2 192.0.2.1 20240302101010 text/html 219
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8
Content-Length: 139

<!DOCTYPE html>
<html><head><title>arc-2</title></head><body>
<p>PAGE-arc-2: a short article for the WARC reader tests.</p>
</body></html>

