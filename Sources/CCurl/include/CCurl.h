int lee_ccurl_placeholder(void);
