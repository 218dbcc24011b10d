#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
#include <hdf5.h>

/* The H5T_NATIVE_*, H5P_*, H5F_ACC_* names are macros that call H5open() and then
   read a global; Swift cannot import them, but it does import static inline functions. */
static inline hid_t chdf5_native_int8(void)    { return H5T_NATIVE_INT8; }
static inline hid_t chdf5_native_uint8(void)   { return H5T_NATIVE_UINT8; }
static inline hid_t chdf5_native_int32(void)   { return H5T_NATIVE_INT32; }
static inline hid_t chdf5_native_uint32(void)  { return H5T_NATIVE_UINT32; }
static inline hid_t chdf5_native_int64(void)   { return H5T_NATIVE_INT64; }
static inline hid_t chdf5_native_uint64(void)  { return H5T_NATIVE_UINT64; }
static inline hid_t chdf5_native_float(void)   { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_double(void)  { return H5T_NATIVE_DOUBLE; }

static inline hid_t chdf5_std_i8le(void)   { return H5T_STD_I8LE; }
static inline hid_t chdf5_std_u8le(void)   { return H5T_STD_U8LE; }
static inline hid_t chdf5_std_i32le(void)  { return H5T_STD_I32LE; }
static inline hid_t chdf5_std_u32le(void)  { return H5T_STD_U32LE; }
static inline hid_t chdf5_std_i64le(void)  { return H5T_STD_I64LE; }
static inline hid_t chdf5_std_u64le(void)  { return H5T_STD_U64LE; }
static inline hid_t chdf5_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t chdf5_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t chdf5_c_s1(void)       { return H5T_C_S1; }

static inline hid_t chdf5_p_file_create(void)    { return H5P_FILE_CREATE; }
static inline hid_t chdf5_p_file_access(void)    { return H5P_FILE_ACCESS; }
static inline hid_t chdf5_p_group_create(void)   { return H5P_GROUP_CREATE; }
static inline hid_t chdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t chdf5_p_dataset_access(void) { return H5P_DATASET_ACCESS; }
static inline hid_t chdf5_p_group_access(void)   { return H5P_GROUP_ACCESS; }
static inline hid_t chdf5_p_link_access(void)    { return H5P_LINK_ACCESS; }

static inline unsigned chdf5_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_acc_rdwr(void)   { return H5F_ACC_RDWR; }
static inline unsigned chdf5_acc_trunc(void)  { return H5F_ACC_TRUNC; }
static inline unsigned chdf5_acc_excl(void)   { return H5F_ACC_EXCL; }

static inline hid_t   chdf5_p_default(void) { return H5P_DEFAULT; }
static inline hid_t   chdf5_s_all(void)     { return H5S_ALL; }
static inline hid_t   chdf5_e_default(void) { return H5E_DEFAULT; }
static inline size_t  chdf5_variable(void)  { return H5T_VARIABLE; }
static inline hsize_t chdf5_unlimited(void) { return H5S_UNLIMITED; }

/* Swift never expands H5check(), so a header/.so mismatch must be checked by hand. */
static inline herr_t chdf5_check_version(void) {
    return H5check_version(H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE);
}

/* H5Dvlen_reclaim (1.10) became H5Treclaim (1.12+). */
static inline herr_t chdf5_vlen_reclaim(hid_t type_id, hid_t space_id, hid_t plist_id, void *buf) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(type_id, space_id, plist_id, buf);
#else
    return H5Dvlen_reclaim(type_id, space_id, plist_id, buf);
#endif
}

/* H5Oget_info* changed signature (and info struct) in 1.10.3 and again in 1.12;
   these two wrappers give Swift the two facts it needs on any version. */
static inline int chdf5_object_kind(hid_t loc, const char *name) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info_by_name3(loc, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#elif H5_VERSION_GE(1, 10, 3)
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, name, &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info_by_name(loc, name, &info, H5P_DEFAULT) < 0) return -1;
#endif
    return info.type == H5O_TYPE_GROUP ? 1 : (info.type == H5O_TYPE_DATASET ? 0 : 2);
}

/* What a link is, without following it: kind 0 hard, 1 soft, 2 external (another file),
   3 any other (user-defined) kind; its creation order, when the group tracks it (ordered 1).
   H5Literate's callback takes H5L_info_t in 1.10 and H5L_info2_t from 1.12 (where
   H5Literate is a macro), so Swift sees only this visitor. */
typedef int (*chdf5_link_visitor)(const char *name, int kind, int ordered, long long order, void *context);
struct chdf5_link_walk { chdf5_link_visitor visit; void *context; };
#if H5_VERSION_GE(1, 12, 0)
static inline herr_t chdf5_link_walk_step(hid_t group, const char *name, const H5L_info2_t *info, void *data) {
#else
static inline herr_t chdf5_link_walk_step(hid_t group, const char *name, const H5L_info_t *info, void *data) {
#endif
    (void)group;
    struct chdf5_link_walk *walk = (struct chdf5_link_walk *)data;
    int kind = info->type == H5L_TYPE_HARD ? 0 : info->type == H5L_TYPE_SOFT ? 1 : info->type == H5L_TYPE_EXTERNAL ? 2 : 3;
    return walk->visit(name, kind, info->corder_valid ? 1 : 0, (long long)info->corder, walk->context);
}
/* Visits every link of a group once, in the native order of its index: the creation-order
   index when `by_creation_order` is set and the group has one, else the name index. Only
   native order walks a group's B-tree directly; any other order makes libhdf5 build and
   sort a table of links first, and 1.10 frees uninitialised entries of that table when a
   damaged file stops the walk half-way. The caller sorts. */
static inline herr_t chdf5_iterate_links(hid_t group, int by_creation_order, chdf5_link_visitor visit, void *context) {
    struct chdf5_link_walk walk = { visit, context };
    hsize_t position = 0;
    H5_index_t index = by_creation_order ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
#if H5_VERSION_GE(1, 12, 0)
    return H5Literate2(group, index, H5_ITER_NATIVE, &position, chdf5_link_walk_step, &walk);
#else
    return H5Literate(group, index, H5_ITER_NATIVE, &position, chdf5_link_walk_step, &walk);
#endif
}

/* A hard link's object: its kind (1 group, 0 dataset, 2 other) and how many hard links
   point at it (a table's objects have exactly one; more means a cycle or a shared node). */
static inline int chdf5_object_kind_and_links(hid_t loc, const char *name, hid_t lapl, unsigned *links) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info_by_name3(loc, name, &info, H5O_INFO_BASIC, lapl) < 0) return -1;
#elif H5_VERSION_GE(1, 10, 3)
    H5O_info_t info;
    if (H5Oget_info_by_name2(loc, name, &info, H5O_INFO_BASIC, lapl) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info_by_name(loc, name, &info, lapl) < 0) return -1;
#endif
    *links = info.rc;
    return info.type == H5O_TYPE_GROUP ? 1 : (info.type == H5O_TYPE_DATASET ? 0 : 2);
}

/* External links are never followed: the traversal callback refuses every one. */
static inline herr_t chdf5_refuse_external_link(const char *parent_file, const char *parent_group, const char *child_file,
                                                const char *child_object, unsigned *acc_flags, hid_t fapl, void *data) {
    (void)parent_file; (void)parent_group; (void)child_file; (void)child_object; (void)acc_flags; (void)fapl; (void)data;
    return -1;
}
static inline herr_t chdf5_set_refuse_external_links(hid_t access_plist) {
    return H5Pset_elink_cb(access_plist, chdf5_refuse_external_link, NULL);
}

/* No filter plugins are loaded from disk: tables use only the built-in shuffle and deflate. */
static inline herr_t chdf5_disable_filter_plugins(void) { return H5PLset_loading_state(0); }

static inline long long chdf5_num_attrs(hid_t obj) {
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info3(obj, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#elif H5_VERSION_GE(1, 10, 3)
    H5O_info_t info;
    if (H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS) < 0) return -1;
#else
    H5O_info_t info;
    if (H5Oget_info(obj, &info) < 0) return -1;
#endif
    return (long long)info.num_attrs;
}
#endif
