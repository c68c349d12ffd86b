filedesc://x.arc 0.0.0.0 20240101000000 text/plain 3
2 0

http://a.b/ 1.2.3.4 20240101000000 text/html 200 - - 0 x.arc 9
<b>hi</b>
