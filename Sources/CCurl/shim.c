#include "CCurl.h"
int lee_ccurl_placeholder(void) { return 0; }
