#define BOOST_TEST_MODULE webui
#include <boost/test/unit_test.hpp>
