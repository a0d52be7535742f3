"""Kế hoạch 08/KH-UBND of Ủy ban nhân dân tỉnh Quảng Ninh (2022), built with the Python API.

The same document as ``ke_hoach_ubnd.yaml``, written with the English field
names, in the State profile (Nghị định 30/2020/NĐ-CP). The number, the date and
the facts come from a provincial news article (17/6/2022); the wording of the
plan, the assignments, the reporting dates and the signer's name are illustrative.
Run it from any directory; it writes ``ke-hoach-ubnd.docx`` there:

    python3 ke_hoach_ubnd.py
"""

from datetime import date

from vanban import (
    Assignment,
    Bullet,
    Issuer,
    KeHoach,
    Paragraph,
    Recipient,
    Section,
    Signer,
    render,
)

PROJECT = "“Đấu tranh chống mua bán người và nô lệ thời hiện đại”"
CLUB = "Câu lạc bộ Phòng, chống mua bán người và hỗ trợ nạn nhân"
DOLISA = "Sở Lao động - Thương binh và Xã hội"


def bullets(*texts: str) -> list[Bullet]:
    """One "- " item per text."""
    return [Bullet(text=text) for text in texts]


def build() -> KeHoach:
    """The plan; under the State profile khoản are "1." and điểm "a)", "b)" ... "đ)"."""
    return KeHoach(
        profile="nha-nuoc",
        # A provincial People's Committee has no parent body on its letterhead.
        issuer=Issuer(name=["Ủy ban nhân dân", "tỉnh Quảng Ninh"], code="UBND"),
        number=8,
        place="Quảng Ninh",
        date=date(2022, 1, 10),
        title=f"Tiếp tục duy trì các mô hình {PROJECT} và chăm lo cho người yếu thế năm 2022",
        bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
            "Căn cứ Luật Phòng, chống mua bán người ngày 29 tháng 3 năm 2011",
            "Căn cứ Quyết định số 193/QĐ-TTg ngày 09 tháng 02 năm 2021 của Thủ tướng Chính "
            "phủ phê duyệt Chương trình phòng, chống mua bán người giai đoạn 2021 - 2025 và "
            "định hướng đến năm 2030",
        ],
        opening=[
            f"Trên cơ sở kết quả Dự án {PROJECT} do {DOLISA} phối hợp triển khai tại thành "
            "phố Hạ Long từ tháng 3/2020 đến tháng 8/2021, Ủy ban nhân dân tỉnh ban hành Kế "
            "hoạch tiếp tục duy trì các mô hình của Dự án và chăm lo cho người yếu thế năm "
            "2022 như sau:",
        ],
        purposes=[
            f"Duy trì và phát huy hiệu quả các mô hình của Dự án {PROJECT} sau khi Dự án "
            "kết thúc.",
            "Tiếp tục hỗ trợ nạn nhân bị mua bán đã trở về có sinh kế bền vững, ổn định cuộc "
            "sống và tái hòa nhập cộng đồng.",
            "Quan tâm, trợ giúp thiết thực, thường xuyên cho những người yếu thế trong xã hội "
            "với tinh thần “Không để ai bị bỏ lại phía sau”.",
        ],
        requirements=[
            "Các sở, ngành, địa phương xác định rõ nhiệm vụ được giao, phối hợp chặt chẽ "
            "trong tổ chức thực hiện.",
            "Việc hỗ trợ phải dựa trên khảo sát rõ nhu cầu, điều kiện của từng người; bảo đảm "
            "đúng đối tượng, giữ bí mật thông tin về nạn nhân.",
            "Các mô hình được duy trì ổn định, hiệu quả, có đánh giá để nhân rộng trên địa "
            "bàn toàn tỉnh.",
        ],
        content=[
            Section(
                title="Nội dung",
                children=[
                    Section(
                        title=f"Duy trì các mô hình {PROJECT}",
                        children=[
                            Section(
                                title="Truyền thông nâng cao nhận thức cộng đồng",
                                children=bullets(
                                    "Tiếp tục truyền thông nâng cao nhận thức cộng đồng về nạn "
                                    "mua bán người; tổ chức các hoạt động hưởng ứng Ngày toàn "
                                    "dân phòng, chống mua bán người 30/7.",
                                    "Can thiệp kịp thời những nhóm dễ bị tổn thương để tránh "
                                    "khỏi nguy cơ trở thành nạn nhân của mua bán người.",
                                ),
                            ),
                            Section(
                                title="Hỗ trợ sinh kế cho nạn nhân bị mua bán đã trở về",
                                children=bullets(
                                    "Duy trì các mô hình hỗ trợ sinh kế hình thành từ nguồn lực "
                                    "của Dự án: kinh doanh cố định và lưu động các mặt hàng đồ "
                                    "uống, hàng hóa thực phẩm; chăm sóc sắc đẹp; chăn nuôi gia "
                                    "cầm tại vườn nhà.",
                                    "Khảo sát rõ nhu cầu, điều kiện của từng người trước khi hỗ "
                                    "trợ; địa phương cam kết đồng hành, trực tiếp thông qua các "
                                    "cộng tác viên xã hội.",
                                ),
                            ),
                            Section(
                                title=f"Thành lập {CLUB}",
                                children=bullets(
                                    f"Thí điểm thành lập 5 {CLUB} tại 5 phường của thành phố Hạ "
                                    "Long: Hồng Gai, Bạch Đằng, Cao Xanh, Hùng Thắng, Tuần Châu.",
                                    "Thành viên câu lạc bộ là hạt nhân nòng cốt trong tuyên "
                                    "truyền, giữ mối liên hệ thường xuyên, trực tiếp với các nạn "
                                    "nhân của mua bán người tại nơi cư trú, giúp họ được tư vấn "
                                    "tâm lý, hỗ trợ sinh kế để ổn định cuộc sống.",
                                    "Đánh giá kết quả thí điểm để nhân rộng mô hình trên địa bàn "
                                    "toàn tỉnh.",
                                ),
                            ),
                            Section(
                                title="Phối hợp liên ngành",
                                children=bullets(
                                    "Đẩy mạnh công tác phối hợp liên ngành về phòng, chống, đấu "
                                    "tranh mua bán người tại địa phương.",
                                ),
                            ),
                        ],
                    ),
                    Section(
                        title="Tiếp tục các đề án, mô hình chăm lo cho người yếu thế",
                        # Điểm a) ... đ) with no content of their own below them.
                        children=[
                            Section(title="Đề án thí điểm nuôi dưỡng đối tượng tự nguyện tại "
                                    "Trung tâm Bảo trợ xã hội tỉnh."),
                            Section(title="Đề án dạy chữ cho trẻ câm điếc tại Cơ sở Bảo trợ "
                                    "chăm sóc trẻ em có hoàn cảnh đặc biệt tỉnh."),
                            Section(title="Đề án điều trị cho trẻ rối nhiễu tâm trí tại Trung "
                                    "tâm Công tác xã hội tỉnh."),
                            Section(title="Mô hình “Ngôi nhà Ánh Dương” hỗ trợ phụ nữ và trẻ em "
                                    "gái là nạn nhân bị bạo lực trên cơ sở giới."),
                            Section(title="Duy trì việc nuôi dưỡng tại 2 cơ sở bảo trợ xã hội "
                                    "công lập (trung bình 170 người/năm, chủ yếu là người cao "
                                    "tuổi, trẻ em có hoàn cảnh đặc biệt)."),
                        ],
                    ),
                    Section(
                        title="Thực hiện chính sách trợ giúp xã hội",
                        children=bullets(
                            "Bảo đảm người thuộc diện bảo trợ xã hội (toàn tỉnh có trên 40.000 "
                            "người) được thụ hưởng đầy đủ các chế độ trợ giúp theo chính sách của "
                            "Trung ương và các chính sách đặc thù của tỉnh, mở rộng cả về đối "
                            "tượng thụ hưởng và mức chuẩn trợ giúp xã hội so với mức chuẩn theo "
                            "quy định chung.",
                            "Tập huấn, hướng dẫn về chính sách cho đội ngũ cán bộ phụ trách công "
                            "tác bảo trợ xã hội cấp huyện, xã; tháo gỡ khó khăn, vướng mắc trong "
                            "quá trình thực hiện chính sách trợ giúp xã hội.",
                        ),
                    ),
                ],
            ),
        ],
        budget=[
            "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách nhà nước giao hằng "
            "năm cho các cơ quan, đơn vị, địa phương theo phân cấp ngân sách hiện hành và từ các "
            "nguồn huy động hợp pháp khác.",
        ],
        assignments=[
            Assignment(
                unit=DOLISA,
                tasks=bullets(
                    "Là cơ quan thường trực, chủ trì, phối hợp với các sở, ngành, địa phương tổ "
                    "chức thực hiện Kế hoạch; theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Ủy ban "
                    "nhân dân tỉnh.",
                    f"Phối hợp với Ủy ban nhân dân thành phố Hạ Long ra mắt và hướng dẫn hoạt động "
                    f"của 5 {CLUB}; đánh giá kết quả thí điểm, đề xuất nhân rộng.",
                    "Chỉ đạo Trung tâm Bảo trợ xã hội tỉnh, Cơ sở Bảo trợ chăm sóc trẻ em có hoàn "
                    "cảnh đặc biệt tỉnh, Trung tâm Công tác xã hội tỉnh tiếp tục thực hiện các đề "
                    "án được giao.",
                ),
            ),
            Assignment(
                unit="Công an tỉnh",
                tasks=bullets(
                    "Chủ trì công tác phòng ngừa, đấu tranh với tội phạm mua bán người; phối hợp "
                    f"với {DOLISA} trong tiếp nhận, xác minh và bảo vệ nạn nhân bị mua bán trở về.",
                    "Phối hợp tuyên truyền về phương thức, thủ đoạn của tội phạm mua bán người tại "
                    "các câu lạc bộ và khu dân cư.",
                ),
            ),
            Assignment(
                unit="Tỉnh đoàn",
                tasks=bullets(
                    "Chỉ đạo các cấp bộ Đoàn tuyên truyền phòng, chống mua bán người trong đoàn "
                    f"viên, thanh niên; cử đoàn viên tham gia các {CLUB} tại cơ sở.",
                    "Hỗ trợ thanh niên là nạn nhân bị mua bán trở về tiếp cận nguồn vốn vay, học "
                    "nghề, việc làm.",
                ),
            ),
            Assignment(
                unit="Sở Tài chính",
                tasks=[Paragraph(text="Tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí thực hiện "
                                      "Kế hoạch theo quy định.")],
            ),
            Assignment(
                unit="Ủy ban nhân dân các huyện, thị xã, thành phố",
                tasks=bullets(
                    "Căn cứ Kế hoạch này, xây dựng kế hoạch thực hiện trên địa bàn; duy trì đội "
                    "ngũ cộng tác viên xã hội.",
                    "Ủy ban nhân dân thành phố Hạ Long chỉ đạo Ủy ban nhân dân các phường Hồng "
                    "Gai, Bạch Đằng, Cao Xanh, Hùng Thắng, Tuần Châu bố trí địa điểm, tạo điều "
                    "kiện cho hoạt động của các câu lạc bộ.",
                ),
            ),
        ],
        reporting=[
            "Định kỳ 6 tháng (trước ngày 15/6/2022) và năm (trước ngày 15/12/2022), các sở, "
            "ngành, Ủy ban nhân dân các huyện, thị xã, thành phố báo cáo kết quả thực hiện về "
            f"{DOLISA} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
        ],
        closing="Ủy ban nhân dân tỉnh yêu cầu các sở, ngành, địa phương nghiêm túc triển khai "
        "thực hiện Kế hoạch này; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp "
        f"thời báo cáo Ủy ban nhân dân tỉnh (qua {DOLISA}) để xem xét, chỉ đạo",
        recipients=[
            Recipient(name="Bộ LĐ-TB&XH", purpose="b/c"),
            Recipient(name="TT Tỉnh ủy, TT HĐND tỉnh", purpose="b/c"),
            Recipient(name="CT, các PCT UBND tỉnh"),
            Recipient(name="Công an tỉnh, Tỉnh đoàn", purpose="t/h"),
            Recipient(name="Các sở: LĐ-TB&XH, Tài chính", purpose="t/h"),
            Recipient(name="UBND các huyện, thị xã, thành phố", purpose="t/h"),
        ],
        # Given directly: a document with a type name has no drafting unit in its number.
        archive="VT, VX1",
        signer=Signer(
            authority="TM.",
            on_behalf_of="Ủy ban nhân dân",
            deputy_for="Chủ tịch",
            position="Phó Chủ tịch",
            name="Nguyễn Văn An",  # illustrative
        ),
    )


if __name__ == "__main__":
    path = render(build(), "ke-hoach-ubnd.docx", overwrite=True)
    print(f"Đã tạo {path}")
